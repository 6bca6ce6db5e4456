// The `dashboard:` section of a run config: the CloudWatch dashboard `mail-metrics dashboard` puts.
import { z } from "zod";

export const dashboardSchema = z
  .strictObject({
    // PutDashboard's DashboardName rule (client-cloudwatch PutDashboardCommand.d.ts).
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/, "use 1 to 255 of A-Z a-z 0-9 - _, e.g. mail-metrics-prod")
      .optional()
      .describe("Dashboard name; default: mail-metrics-<config name>"),
  })
  .describe("The CloudWatch dashboard put by `mail-metrics dashboard`");

export type DashboardConfig = z.output<typeof dashboardSchema>;
