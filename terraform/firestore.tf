# create_firestore_database = false uses a database that already exists (a Firebase or App Engine
# project has "(default)" already; creating it again fails with "Database already exists"). To
# keep managing it here instead, import it before the first apply (docs/deploy.md, First deploy):
#   terraform import 'google_firestore_database.store[0]' "projects/$PROJECT/databases/(default)"
resource "google_firestore_database" "store" {
  count = var.create_firestore_database ? 1 : 0

  name        = var.firestore_database
  location_id = local.firestore_location
  type        = "FIRESTORE_NATIVE"

  deletion_policy         = var.allow_destroy_data ? "DELETE" : "ABANDON"
  delete_protection_state = var.allow_destroy_data ? "DELETE_PROTECTION_DISABLED" : "DELETE_PROTECTION_ENABLED"

  lifecycle {
    # A database cannot move: its location is fixed when it is created, and by default it follows
    # region, so a later change of region (or firestore_location) must not plan a replacement,
    # which would delete every model version and profile.
    ignore_changes = [location_id]
  }

  depends_on = [time_sleep.apis_ready]
}

locals {
  # The database the fields below and the IAM conditions refer to, created here or not.
  firestore_database = var.create_firestore_database ? google_firestore_database.store[0].name : var.firestore_database

  # "collectionGroup.field" pairs whose automatic single-field indexes are switched off: large
  # arrays and maps that are only ever read whole by document id. Indexing them would cost an index
  # entry per element on every write and could hit the 40,000-entries-per-document limit.
  # Must equal FirestoreLayout.INDEX_EXEMPT_FIELDS (checked by .ci/terraform-check).
  index_exempt_fields = [
    "skus.similar",
    "skus.reverse",
    "skus.together",
    "skus.attrs",
    "alike_versions.popular",
    "alike_versions.trending",
    "alike_versions.report",
    "alike_profiles.skus",
    "alike_profiles.scores",
  ]
}

resource "google_firestore_field" "index_exempt" {
  for_each = toset(local.index_exempt_fields)

  database   = local.firestore_database
  collection = split(".", each.value)[0]
  field      = join(".", slice(split(".", each.value), 1, length(split(".", each.value))))

  # An empty index_config removes every single-field index of this field.
  index_config {}

  depends_on = [time_sleep.apis_ready]
}
