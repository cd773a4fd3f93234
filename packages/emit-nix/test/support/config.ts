/** Pieces of the configs tests build by hand. */

/** An admin's SSH public key. */
export const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo ops@example";
