package cn.gov.birth.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tokens from the gateway's own dev endpoint, as a portal under the dev profile gets them. */
final class GatewayTokens {

    @SuppressWarnings("unchecked")
    static String of(WebTestClient client, String subject, List<String> roles, String department, String idNumber) {
        Map<String, Object> request = new HashMap<>();
        request.put("subject", subject);
        request.put("roles", roles);
        request.put("department", department);
        request.put("idNumber", idNumber);
        Map<String, Object> token = client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) token.get("accessToken");
    }

    private GatewayTokens() {
    }
}
