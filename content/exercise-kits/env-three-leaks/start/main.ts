// A small order service. It works, and it leaks the payments key in three places. Find them.
class ChargeError extends Error {
  override name = "ChargeError";
}

const config = {
  apiKey: process.env.EXTERNAL_API_KEY ?? "",
  baseUrl: "https://api.payments.example",
  currency: "eur",
};
if (!config.apiKey) {
  console.error("EXTERNAL_API_KEY is not set: refusing to start.");
  process.exit(1);
}

console.log("booting payments service with", process.env);

function logRequest(method: string, url: string, headers: Record<string, string>) {
  console.log(method, url, headers);
}

async function charge(amountCents: number, customerId: string) {
  const url = `${config.baseUrl}/v1/charges`;
  const headers = { Authorization: `Bearer ${config.apiKey}`, "Content-Type": "application/json" };
  logRequest("POST", url, headers);
  const res = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({ amount: amountCents, currency: config.currency, customer: customerId }),
  });
  const body = await res.json();
  if (!res.ok) {
    throw new ChargeError(`charge failed (${res.status}): ${body.error.message}`);
  }
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
    console.error(`order for ${order.customer} failed:`, { error: String(error), order, config });
  }
}
