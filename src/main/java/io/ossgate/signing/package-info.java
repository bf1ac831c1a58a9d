/**
 * OSS request signing (V4 and V1), signature verification and credentials.
 *
 * <p>Pure JDK plus Caffeine: no Vert.x types, so everything here can be tested alone and called
 * from any thread. Signers are pure functions of a {@link io.ossgate.signing.SignInput} and
 * {@link io.ossgate.signing.Credentials}; the time is part of the input. The wire facts and test
 * vectors are in {@code oss-reference.md} §3, §4 and §6.
 *
 * <p>Entry points: {@link io.ossgate.signing.V4Signer} / {@link io.ossgate.signing.V1Signer}
 * (both {@link io.ossgate.signing.OssSigner}), {@link io.ossgate.signing.SignatureVerifier},
 * {@link io.ossgate.signing.SignatureInspector} (which form a request carries, whether it signs
 * {@code host}), and the {@link io.ossgate.signing.CredentialsProvider} implementations.
 */
package io.ossgate.signing;
