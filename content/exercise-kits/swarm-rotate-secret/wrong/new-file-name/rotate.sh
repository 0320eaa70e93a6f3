# Rotate the payments service's database password.
# The new password is in $NEW_DB_PASSWORD; the service reads /run/secrets/db_password.
printf '%s' "$NEW_DB_PASSWORD" | docker secret create db_password_v2 -
docker service update --secret-rm db_password --secret-add db_password_v2 payments
docker secret rm db_password
