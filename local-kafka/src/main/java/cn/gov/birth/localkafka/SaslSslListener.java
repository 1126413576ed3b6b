package cn.gov.birth.localkafka;

import cn.gov.birth.contracts.TopicAccess;
import cn.gov.birth.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * The broker's optional SASL_SSL listener, beside the plaintext one: TLS with a server certificate
 * (SAN localhost and 127.0.0.1) from a CA made on first start, SCRAM-SHA-512 users ({@value #ADMIN}
 * and one principal per service of {@link TopicAccess}), the KRaft {@code StandardAuthorizer}, the
 * services' ACLs ({@link ServiceAcls}) and every topic with its dead-letter topic, created by the broker
 * as an administrator would on a secured cluster (the services do not create topics there:
 * {@code KAFKA_CREATE_TOPICS=false}).
 *
 * <p>SCRAM rather than PLAIN: the broker keeps salted hashes in its metadata log instead of clear
 * passwords in a JAAS file, the password never crosses the wire (not even inside TLS), and users are
 * added or changed through the Admin API without a restart.
 *
 * <p>Everything a client needs is in {@code <data-dir>/sasl-ssl}: {@code truststore.p12} (the CA)
 * and {@code credentials.properties} ({@code truststore.password}, {@code user.<principal>}),
 * owner-readable only, made once and kept. The plaintext and controller listeners stay as they were,
 * for the broker itself and local tools on loopback: their principal {@code ANONYMOUS} is a super user.
 */
final class SaslSslListener {

    static final String NAME = "SASL_SSL";
    static final String MECHANISM = "SCRAM-SHA-512";
    static final String ADMIN = "admin";
    static final String CREDENTIALS = "credentials.properties";
    static final String TRUSTSTORE = "truststore.p12";
    private static final String KEYSTORE = "broker.p12";
    private static final int SCRAM_ITERATIONS = 8192;

    private final Path dir;
    private final int port;
    private final int partitions;
    private final Properties secrets;

    private SaslSslListener(Path dir, int port, int partitions, Properties secrets) {
        this.dir = dir;
        this.port = port;
        this.partitions = partitions;
        this.secrets = secrets;
    }

    /**
     * Makes (once) the passwords, the CA and the broker's key store in {@code <data-dir>/sasl-ssl}; the topics
     * will have {@code partitions} partitions, as the services' {@code KAFKA_PARTITIONS} says.
     */
    static SaslSslListener prepare(Path dataDir, int port, int partitions) throws IOException, InterruptedException {
        Path dir = dataDir.resolve("sasl-ssl");
        Files.createDirectories(dir);
        Properties secrets = new Properties();
        Path file = dir.resolve(CREDENTIALS);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                secrets.load(in);
            }
        }
        int known = secrets.size();
        Stream.concat(Stream.of("keystore.password", "truststore.password", "user." + ADMIN),
                        TopicAccess.CLIENTS.stream().map(client -> "user." + client.principal()))
                .forEach(key -> secrets.computeIfAbsent(key, absent -> randomPassword()));
        if (secrets.size() != known) {
            writePrivately(file, secrets);
        }
        SaslSslListener listener = new SaslSslListener(dir, port, partitions, secrets);
        if (!Files.exists(dir.resolve(KEYSTORE)) || !Files.exists(dir.resolve(TRUSTSTORE))) {
            listener.makeStores();
        }
        return listener;
    }

    /** Adds the listener, TLS, SCRAM and the authorizer to the broker's configuration. */
    void configure(Properties broker, String host) {
        String endpoint = NAME + "://" + host + ":" + port;
        broker.setProperty("listeners", broker.getProperty("listeners") + "," + endpoint);
        broker.setProperty("advertised.listeners", broker.getProperty("advertised.listeners") + "," + endpoint);
        broker.setProperty("listener.security.protocol.map",
                broker.getProperty("listener.security.protocol.map") + "," + NAME + ":" + NAME);
        String prefix = "listener.name." + NAME.toLowerCase() + ".";
        broker.setProperty("sasl.enabled.mechanisms", MECHANISM);
        broker.setProperty(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        broker.setProperty(prefix + "ssl.keystore.type", "PKCS12");
        broker.setProperty(prefix + "ssl.keystore.location", dir.resolve(KEYSTORE).toString());
        broker.setProperty(prefix + "ssl.keystore.password", secrets.getProperty("keystore.password"));
        broker.setProperty(prefix + "ssl.client.auth", "none");
        broker.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // ANONYMOUS: the plaintext and controller listeners, i.e. the broker itself and local tools.
        broker.setProperty("super.users", "User:ANONYMOUS;" + ServiceAcls.principal(ADMIN));
        broker.setProperty("allow.everyone.if.no.acl.found", "false");
    }

    /**
     * Once the broker answers on {@code plaintext}: the SCRAM users with their passwords, exactly the ACLs of
     * {@link TopicAccess} for its principals (a grant the table no longer has is removed), and the topics.
     */
    void provision(String plaintext) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintext))) {
            var info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS);
            admin.alterUserScramCredentials(Stream.concat(Stream.of(ADMIN),
                            TopicAccess.CLIENTS.stream().map(TopicAccess.Client::principal))
                    .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user, info,
                            password(user)))
                    .toList()).all().get(60, TimeUnit.SECONDS);

            List<AclBinding> wanted = ServiceAcls.of(TopicAccess.CLIENTS);
            Set<String> principals = new HashSet<>();
            wanted.forEach(binding -> principals.add(binding.entry().principal()));
            List<AclBindingFilter> stale = admin.describeAcls(AclBindingFilter.ANY).values().get(60, TimeUnit.SECONDS)
                    .stream().filter(binding -> principals.contains(binding.entry().principal()))
                    .filter(binding -> !wanted.contains(binding)).map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(60, TimeUnit.SECONDS);
            }
            admin.createAcls(wanted).all().get(60, TimeUnit.SECONDS);

            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Stream.concat(Topics.ALL.stream(), Stream.of(Topics.AUDIT))
                    .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        }
    }

    int port() {
        return port;
    }

    Path credentials() {
        return dir.resolve(CREDENTIALS);
    }

    String password(String user) {
        return secrets.getProperty("user." + user);
    }

    /**
     * A CA and the broker's key pair signed by it (keytool, the JDK's own), the chain in the broker's key
     * store and the CA certificate alone in the clients' trust store. The CA's key is not kept: nothing
     * else is ever signed with it.
     */
    private void makeStores() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(dir, "ca");
        try {
            String keyPassword = secrets.getProperty("keystore.password");
            Path ca = work.resolve("ca.p12");
            Path broker = work.resolve(KEYSTORE);
            keytool(keyPassword, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=local-kafka CA", "-ext", "bc:c", "-validity", "3650",
                    "-storetype", "PKCS12", "-keystore", ca.toString());
            keytool(keyPassword, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-validity", "3650", "-storetype", "PKCS12", "-keystore", broker.toString());
            keytool(keyPassword, "-certreq", "-alias", "broker", "-keystore", broker.toString(),
                    "-file", work.resolve("broker.csr").toString());
            keytool(keyPassword, "-gencert", "-alias", "ca", "-keystore", ca.toString(),
                    "-infile", work.resolve("broker.csr").toString(), "-outfile", work.resolve("broker.crt").toString(),
                    "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "ku=digitalSignature", "-ext", "eku=serverAuth",
                    "-validity", "3650", "-rfc");

            char[] password = keyPassword.toCharArray();
            KeyStore caStore = load(ca, password);
            Certificate caCertificate = caStore.getCertificate("ca");
            Certificate signed;
            try (InputStream in = Files.newInputStream(work.resolve("broker.crt"))) {
                signed = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore brokerStore = load(broker, password);
            Key key = brokerStore.getKey("broker", password);
            brokerStore.setKeyEntry("broker", key, password, new Certificate[]{signed, caCertificate});
            store(brokerStore, dir.resolve(KEYSTORE), password);

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("local-kafka-ca", caCertificate);
            store(trust, dir.resolve(TRUSTSTORE), secrets.getProperty("truststore.password").toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the SASL_SSL listener's key stores in " + dir, e);
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(work);
        }
    }

    /** The store password reaches keytool through its environment, not its command line (ps shows that). */
    private static void keytool(String storePassword, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", "LOCAL_KAFKA_STORE_PASSWORD", "-noprompt"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LOCAL_KAFKA_STORE_PASSWORD", storePassword);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output.strip());
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static void store(KeyStore store, Path file, char[] password)
            throws IOException, GeneralSecurityException {
        createPrivately(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private static void writePrivately(Path file, Properties properties) throws IOException {
        createPrivately(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "SASL_SSL listener of the local broker: SCRAM-SHA-512 passwords (user.<principal>)"
                    + " and the trust store's password; made by LocalKafkaBroker, keep private");
        }
    }

    /** Owner-only from the start, where the file system knows POSIX permissions. */
    static void createPrivately(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // kept as it is; its content is replaced
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
