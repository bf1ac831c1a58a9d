package io.ossgate.config;

/** {@code sites[].auth}: whose signature reaches OSS. */
public enum AuthMode {
  /** Client signatures (headers or presigned query) are forwarded untouched. */
  PASSTHROUGH,
  /** The gateway drops client auth and signs with its own credentials. */
  SIGN
}
