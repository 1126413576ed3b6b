package cn.gov.birth.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Secrets for local runs and tests only (the {@code dev} profile): made on first use in a folder
 * (by default {@code .run/dev-keys}) and read from it afterwards, so every process of a local
 * platform — and the same processes after a restart — use the same ones. Several processes
 * starting at once agree: a file appears whole or not at all, and the first one made wins.
 */
public final class LocalSecrets {

    public static final String TOKEN_KEY = "token-signing";
    public static final String BLIND_INDEX_KEY = "blind-index";
    /** The master secret each partner's secret is derived from ({@link PartnerSecrets}). */
    public static final String PARTNER_MASTER = "partner-master";
    /** The master key that wraps a service's field-encryption data keys ({@code crypto.MasterKey}). */
    public static final String FIELD_MASTER = "field-master";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A random 32-byte secret kept as {@code <dir>/<name>.key} (base64). */
    public static byte[] secret(Path dir, String name) {
        String text = readOrCreate(dir.resolve(name + ".key"), () -> {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            return Base64.getEncoder().encodeToString(secret);
        });
        return Base64.getDecoder().decode(text.trim());
    }

    /** An RSA-2048 key pair kept as {@code <dir>/<name>.pk8} (PKCS #8, base64); the public key is derived from it. */
    public static KeyPair rsaKeyPair(Path dir, String name) {
        String text = readOrCreate(dir.resolve(name + ".pk8"), () -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text.trim())));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new KeyPair(publicKey, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Not an RSA private key: " + dir.resolve(name + ".pk8")
                    + " (delete it to have a new one made)", e);
        }
    }

    private static String readOrCreate(Path file, Supplier<String> make) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path draft = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".draft");
                try {
                    Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the folder's own permissions protect it.
                }
                Files.writeString(draft, make.get(), StandardCharsets.US_ASCII);
                try {
                    // A hard link appears atomically and fails when another process made the file first.
                    Files.createLink(file, draft);
                } catch (FileAlreadyExistsException e) {
                    // Theirs wins.
                } finally {
                    Files.deleteIfExists(draft);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the local secret " + file.toAbsolutePath(), e);
        }
    }

    private LocalSecrets() {
    }
}
