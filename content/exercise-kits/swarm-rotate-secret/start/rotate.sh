# Rotate the payments service's database password.
# The new password is in $NEW_DB_PASSWORD; the service reads /run/secrets/db_password.
