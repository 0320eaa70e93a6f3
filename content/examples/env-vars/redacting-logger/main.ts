import { log, describeEnv } from "./logger";

const config = {
  apiKey: process.env.EXTERNAL_API_KEY ?? "",
  baseUrl: "https://api.payments.example",
  currency: "eur",
};

// Fix 1: log an allow-list of settings, never the whole environment.
log.info("starting", { NODE_ENV: process.env.NODE_ENV, PORT: process.env.PORT });

async function charge(amountCents: number, customerId: string) {
  const res = await fetch(`${config.baseUrl}/v1/charges`, {
    method: "POST",
    headers: { Authorization: `Bearer ${config.apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: amountCents, currency: config.currency, customer: customerId }),
  });
  if (!res.ok) {
    // Fix 2: the error says what went wrong, not what the config was.
    const body = await res.json();
    throw new Error(`charge failed (${res.status}): ${body.error.message}`);
  }
  return res.json();
}

try {
  await charge(0, "cus_demo_42");
} catch (error) {
  log.error(String(error));
}

// Defence in depth: even a careless dump goes through the scrubbing logger.
log.info("debug dump:", describeEnv(process.env));
log.info("and a careless one:", process.env.EXTERNAL_API_KEY);
