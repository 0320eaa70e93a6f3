import { mask } from "./mask";

const samples = {
  "payments key": "sk_test_51FakeKeyForSecretsLab000000000000",
  "db password": "P@ssw0rd-demo-only",
  "short pin": "4821",
  "empty": "",
};

for (const [label, secret] of Object.entries(samples)) {
  console.log(`${label.padEnd(12)} -> ${mask(secret)}`);
}
