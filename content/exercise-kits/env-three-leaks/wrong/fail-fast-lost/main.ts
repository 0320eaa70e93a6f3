// The same service with its three leaks fixed.
class ChargeError extends Error {
  override name = "ChargeError";
}

const apiKey = process.env.EXTERNAL_API_KEY;
// Fix 3 (part): the key is not part of the config object that gets logged.
const config = {
  baseUrl: "https://api.payments.example",
  currency: "eur",
};

// Fix 1: log an allow-list of settings, not process.env.
console.log(`booting payments service (NODE_ENV=${process.env.NODE_ENV}, PORT=${process.env.PORT})`);

// Fix 2: log the method and URL; headers carry credentials, so they are not logged.
function logRequest(method: string, url: string) {
  console.log(method, url);
}

async function charge(amountCents: number, customerId: string) {
  const url = `${config.baseUrl}/v1/charges`;
  logRequest("POST", url);
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: amountCents, currency: config.currency, customer: customerId }),
  });
  const body = await res.json();
  if (!res.ok) throw new ChargeError(`charge failed (${res.status}): ${body.error.message}`);
  return body;
}

const orders = [
  { amount: 1999, customer: "cus_demo_1" },
  { amount: 0, customer: "cus_demo_2" },
];
for (const order of orders) {
  try {
    const receipt = await charge(order.amount, order.customer);
    console.log(`charged ${receipt.amount} ${receipt.currency} for ${order.customer}`);
  } catch (error) {
    // Fix 3: the context a developer needs (the order, the error), not the configuration.
    console.error(`order for ${order.customer} failed:`, { error: String(error), order });
  }
}
