// `npm start`: build the site (pages + search index) and serve it, so a newcomer
// gets the whole site, search included, with one command.
import { spawn } from "node:child_process";
import { astroBin } from "./preview-server.mjs";

const run = (cmd, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", shell: process.platform === "win32" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });

const port = process.env.PORT ?? "4321";
await run("npm", ["run", "build", "--silent"]);
console.log(`\nSecrets Lab is being served at http://localhost:${port}/ (Ctrl+C to stop)\n`);
await run(process.execPath, [astroBin, "preview", "--port", port, "--host", process.env.HOST ?? "localhost"]);
