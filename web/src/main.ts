// Wiring: the state (app/state.ts: the view in the URL, the listeners) and
// the views (views/dashboard.ts) meet here once Firestore is connected.
import "./styles.css";
import { createApp } from "./app/state.ts";
import { connect, type Connection } from "./data/firebase.ts";
import { dashboard } from "./views/dashboard.ts";

const app = createApp();
const views = dashboard(app);

async function main(): Promise<void> {
  views.connecting();
  let conn: Connection;
  try {
    conn = await connect();
  } catch (err) {
    views.couldNotStart((err as Error).message);
    return;
  }
  views.connected(conn);
  app.start(conn, views);
}

void main();
