package io.ossgate.signing;

/** Credentials could not be loaded or fetched. Messages name sources, never secret values. */
public final class CredentialsException extends RuntimeException {

  public CredentialsException(String message) {
    super(message);
  }

  public CredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
