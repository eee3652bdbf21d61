// The engine of assembly/index.ts with one more mechanism, registered by its one row.
import { Mechanism, register } from "../../../assembly/mechanisms/registry";
import * as leak from "./leak";

export * from "../../../assembly/index";

// name, instance nodes, parameter columns, gates, attach, INITIAL, currents, other states
register(new Mechanism("leak", leak.node, [leak.g, leak.e], null, null, null, leak.addCurrents, null));
