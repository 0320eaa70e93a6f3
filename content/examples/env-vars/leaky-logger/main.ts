// Two log lines that look harmless in code review.
const config = {
  apiKey: process.env.EXTERNAL_API_KEY ?? "",
  baseUrl: "https://api.payments.example",
  currency: "eur",
};

// Leak 1: "let's see what the container was started with".
console.log("starting with environment:", process.env);

async function charge(amountCents: number, customerId: string) {
  const res = await fetch(`${config.baseUrl}/v1/charges`, {
    method: "POST",
    headers: { Authorization: `Bearer ${config.apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: amountCents, currency: config.currency, customer: customerId }),
  });
  if (!res.ok) {
    // Leak 2: an error that carries its whole config into every log and crash report.
    throw new Error(`charge failed (${res.status}) with config ${JSON.stringify(config)}`);
  }
  return res.json();
}

try {
  await charge(0, "cus_demo_42"); // an amount of 0 is rejected with 400
} catch (error) {
  console.error(String(error));
}
