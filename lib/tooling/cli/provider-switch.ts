// `npm run provider:switch -- off|on|status`: the operators' global kill switch for the fulfilment
// provider. Off overrides every workspace's own switch; every instance sees a flip within seconds.
import { FULFILMENT_SWITCH, GLOBAL_SCOPE, setSwitch } from "../../outbox/kill-switch.ts";
import { openAppDatabase } from "../../startup/app-database.ts";

const command = process.argv[2];
if (command !== "on" && command !== "off" && command !== "status") {
  console.error("usage: npm run provider:switch -- off|on|status");
  process.exit(2);
}
const database = await openAppDatabase();
try {
  if (command === "status") {
    const row = await database.db.featureFlag.findUnique({ where: { key_scope: { key: FULFILMENT_SWITCH, scope: GLOBAL_SCOPE } } });
    console.log(`Fulfilment provider, global switch: ${row?.enabled === false ? "OFF (paused for everyone)" : "on"}`);
  } else {
    const { changed } = await setSwitch(database.db, { scope: GLOBAL_SCOPE, enabled: command === "on", changedBy: "operator (command line)" });
    console.log(
      changed ? `Fulfilment provider: globally ${command === "on" ? "on" : "OFF, every workspace paused"}` : `Fulfilment provider: globally ${command} already`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
