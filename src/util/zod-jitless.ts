// Imported for its effect, by the modules that parse with zod (config and query files, the state
// file). zod compiles a parser for each object schema the first time it parses one (new Function),
// which pays after many parses; a command parses each of its files once, so compiling costs more
// than it saves (a cron run with two queries: ~25 M of ~670 M instructions). The parsing without it
// is zod's own, with the same results and issues (zod's `jitless` setting, made for CSP).
import { z } from "zod";

z.config({ jitless: true });
