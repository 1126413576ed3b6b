package cn.gov.birth.platform.security;

import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.security.PartnerSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The one way the platform sends to a partner system (a bank, the tax payment channel): a JSON
 * POST signed with the secret shared with that partner ({@link PartnerSignature}), so the partner
 * can tell our requests from anyone's, as we tell theirs.
 */
public final class PartnerClient {

    private final PartnerSecrets secrets;
    private final HttpClient http;
    private final Clock clock;

    public PartnerClient(PartnerSecrets secrets, Duration connectTimeout, Clock clock) {
        this.secrets = secrets;
        // HTTP/1.1: the JDK client's h2c upgrade on plain http loses the body at some servers.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        this.clock = clock;
    }

    /** What the partner answered: its status and (at most the first 200 characters of) its body. */
    public record Reply(int status, String body) {

        public boolean successful() {
            return status / 100 == 2;
        }
    }

    /**
     * Posts the JSON body to the partner, signed: IllegalStateException when no secret is known for the partner
     * (nothing is sent), IOException when the partner could not be reached or did not answer in time.
     */
    public Reply post(String partner, URI url, String json, Duration timeout) throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] secret = secrets.of(partner).orElseThrow(() -> new IllegalStateException(
                "No secret is configured for partner " + partner + " (PARTNER_SECRETS)"));
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        PartnerSignature.headers(partner, secret, body, clock.instant()).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String answer = response.body() == null ? "" : response.body();
        return new Reply(response.statusCode(), answer.length() > 200 ? answer.substring(0, 200) : answer);
    }
}
