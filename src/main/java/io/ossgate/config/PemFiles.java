package io.ossgate.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys the way the TLS listener and the upstream trust will,
 * so that a wrong path, a key in the cert field or a key that belongs to another certificate stops
 * startup with the key path instead of failing the first handshake. Blocking (file I/O): config
 * loading only, never on an event loop. Messages name files, never key material.
 */
public final class PemFiles {

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private PemFiles() {}

  /** Every certificate in a PEM file, in order; at least one. */
  public static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> certs = new ArrayList<>();
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("no X.509 support in this JVM", e);
    }
    for (Block b : blocks(file)) {
      if (b.type().equals("CERTIFICATE")) {
        try {
          certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
        } catch (CertificateException e) {
          throw new IllegalArgumentException("'" + file + "' has a CERTIFICATE block that does not parse ("
              + e.getMessage() + ")");
        }
      } else if (b.type().contains("PRIVATE KEY")) {
        throw new IllegalArgumentException("'" + file + "' holds a private key (expected: PEM certificates;"
            + " the key goes in 'key')");
      }
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("'" + file + "' has no PEM certificate (expected: -----BEGIN CERTIFICATE-----)");
    }
    return certs;
  }

  /**
   * Checks that {@code keyFile} holds one unencrypted PEM private key and, where the format allows
   * (PKCS#8, PKCS#1 RSA), that it belongs to {@code leaf}.
   */
  public static void checkKey(Path keyFile, X509Certificate leaf) {
    List<Block> keys = blocks(keyFile).stream().filter(b -> b.type().contains("PRIVATE KEY")).toList();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("'" + keyFile + "' has no PEM private key (expected: -----BEGIN PRIVATE KEY-----)");
    }
    Block key = keys.get(0);
    byte[] pkcs8 = switch (key.type()) {
      case "PRIVATE KEY" -> key.der();
      case "RSA PRIVATE KEY" -> Der.rsaPkcs1ToPkcs8(key.der());
      case "EC PRIVATE KEY" -> null; // SEC1: accepted as is, the curve is not worth decoding here
      case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("'" + keyFile
          + "' holds an encrypted private key (expected: an unencrypted PEM key, readable only by the gateway)");
      default -> throw new IllegalArgumentException("'" + keyFile + "' holds a '" + key.type()
          + "' block (expected: PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    };
    if (pkcs8 != null) {
      PrivateKey privateKey = privateKey(keyFile, pkcs8, leaf.getPublicKey().getAlgorithm());
      if (!matches(privateKey, leaf.getPublicKey())) {
        throw new IllegalArgumentException("'" + keyFile + "' is not the key of certificate "
            + leaf.getSubjectX500Principal().getName() + " (expected: the private key that belongs to 'cert')");
      }
    }
  }

  private static PrivateKey privateKey(Path keyFile, byte[] pkcs8, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("'" + keyFile + "' does not hold a " + algorithm
          + " private key matching the certificate (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Signs a nonce with the private key and verifies it with the public one: works for RSA, EC, EdDSA. */
  private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    String algorithm = switch (publicKey.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "DSA" -> "SHA256withDSA";
      default -> publicKey.getAlgorithm(); // Ed25519, Ed448, EdDSA
    };
    try {
      byte[] nonce = new byte[32];
      new SecureRandom().nextBytes(nonce);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(nonce);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(nonce);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("'" + file + "' not found");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("'" + file + "' cannot be read (permission denied)");
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + file + "' cannot be read as PEM text (" + e.getClass().getSimpleName() + ")");
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + file + "' has a " + m.group(1) + " block that is not valid base64");
      }
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("'" + file + "' is not a PEM file (expected: -----BEGIN ...----- blocks)");
    }
    return blocks;
  }

  /** The little DER needed to wrap a PKCS#1 RSA key as PKCS#8. */
  private static final class Der {
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
      byte[] version = {0x02, 0x01, 0x00};
      byte[] octets = tlv(0x04, pkcs1);
      byte[] body = concat(version, RSA_ALGORITHM, octets);
      return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] value) {
      byte[] length;
      int n = value.length;
      if (n < 0x80) {
        length = new byte[] {(byte) n};
      } else if (n < 0x100) {
        length = new byte[] {(byte) 0x81, (byte) n};
      } else if (n < 0x10000) {
        length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      } else {
        length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
      }
      return concat(new byte[] {(byte) tag}, length, value);
    }

    private static byte[] concat(byte[]... parts) {
      int size = 0;
      for (byte[] p : parts) {
        size += p.length;
      }
      byte[] out = new byte[size];
      int off = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, off, p.length);
        off += p.length;
      }
      return out;
    }
  }
}
