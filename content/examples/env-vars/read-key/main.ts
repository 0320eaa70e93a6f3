// Read the payments key from the environment, and refuse to start without it.
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: refusing to start.`);
    console.error(`Start the service with ${name} in its environment.`);
    process.exit(1);
  }
  return value;
}

const apiKey = requireEnv("EXTERNAL_API_KEY");

// Say *that* the key is there, never what it is.
console.log(`EXTERNAL_API_KEY is set (${apiKey.length} characters)`);
console.log("payments service ready");
