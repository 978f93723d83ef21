# Signed customer tokens (docs/function.md "Signed customer tokens", dev.alike.function.CustomerTokens):
# the shop's back end mints an HS256 JWT for the signed-in customer with this secret; the function
# accepts customer=C only with a valid token for C when ALIKE_REQUIRE_TOKEN is true (by default
# whenever the function is public, since anyone could otherwise read any customer's
# recommendations, which reveal what they browsed and bought).

locals {
  require_token = coalesce(var.require_customer_token, var.public_function)

  # Secret Manager versions of the function's token secrets, keyed by the variable each becomes:
  # the current one (the newest version by default) and, during a rotation only, the previous one,
  # still accepted until the tokens minted with it have expired. A null version is left unset.
  token_secret_env = {
    ALIKE_TOKEN_SECRET          = var.token_secret_version
    ALIKE_TOKEN_SECRET_PREVIOUS = var.token_previous_secret_version
  }
}

resource "google_secret_manager_secret" "token" {
  secret_id = "${var.name_prefix}-token-secret"

  replication {
    auto {}
  }

  depends_on = [time_sleep.apis_ready]
}

# The first secret, so that the function starts on a fresh project. Its value is in the Terraform
# state (the state bucket is private to the deployer); rotate it with gcloud (docs/function.md) and the
# state no longer holds the secret in use. ignore_changes keeps a rotation from being undone.
resource "random_password" "token" {
  length  = 48
  special = false
}

resource "google_secret_manager_secret_version" "token_first" {
  secret      = google_secret_manager_secret.token.id
  secret_data = random_password.token.result

  lifecycle {
    ignore_changes = [secret_data]
  }
}

# The function reads the secret; nothing else in the project needs to.
resource "google_secret_manager_secret_iam_member" "function_token" {
  secret_id = google_secret_manager_secret.token.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function.member
}
