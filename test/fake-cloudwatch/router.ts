// Operation name → handler.
import { deleteAlarms, describeAlarms, listTagsForResource } from "./alarm-reads.js";
import { putDashboard, putMetricAlarm } from "./alarms-dashboards.js";
import { getMetricData } from "./get-metric-data.js";
import type { Handler } from "./handler.js";
import { createLogGroup, createLogStream, putLogEvents } from "./logs-ingest.js";
import { describeLogGroups } from "./describe-log-groups.js";
import { describeQueries, getQueryResults, startQuery, stopQuery } from "./logs-queries.js";
import type { OperationName } from "./operations.js";
import { putMetricData } from "./put-metric-data.js";

export const HANDLERS: Readonly<Record<OperationName, Handler>> = {
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  PutLogEvents: putLogEvents,
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
  DescribeQueries: describeQueries,
  DescribeLogGroups: describeLogGroups,
  PutMetricData: putMetricData,
  GetMetricData: getMetricData,
  PutMetricAlarm: putMetricAlarm,
  PutDashboard: putDashboard,
  DescribeAlarms: describeAlarms,
  DeleteAlarms: deleteAlarms,
  ListTagsForResource: listTagsForResource,
};
