package cn.gov.birth.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A stand-in service that answers 200 to everything and remembers what reached it, by request line. */
final class Upstream implements AutoCloseable {

    record Seen(int bodyBytes, String contentLength, String transferEncoding, String authorization) {
    }

    final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final HttpServer server;

    Upstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), new Seen(body.length,
                    exchange.getRequestHeaders().getFirst("Content-Length"),
                    exchange.getRequestHeaders().getFirst("Transfer-Encoding"),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A gateway under test with every service's route to this stand-in, signing dev tokens with the test's keys. */
    void standIn(DynamicPropertyRegistry registry) {
        for (String service : List.of("APPLICATION", "NOTIFICATION", "HUKOU", "BIRTH_CERT", "VACCINATION",
                "INSURANCE", "SSCARD")) {
            registry.add(service + "_SERVICE_URL", this::url);
        }
        registry.add("DEV_KEYS_DIR", () -> "target/dev-keys");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
