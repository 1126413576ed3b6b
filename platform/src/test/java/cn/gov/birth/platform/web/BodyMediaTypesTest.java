package cn.gov.birth.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Bodies of a media type no service takes are refused before anything reads them. */
class BodyMediaTypesTest {

    private static MockHttpServletResponse send(String method, String contentType) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/applications");
        request.setContentType(contentType);
        request.setContent("region=520000".getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();
        new BodyMediaTypes().doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void shouldRefuseFormsMultipartWildcardsAndWhatIsNoMediaTypeWith415() throws Exception {
        for (String type : new String[] {"application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded;charset=UTF-8", "multipart/form-data", "multipart/mixed; boundary=x", "*/*", "application/*", "text/", "json",
                "application/json;charset=bogus"}) {
            MockHttpServletResponse response = send("POST", type);

            assertThat(response.getStatus()).as(type).isEqualTo(415);
            assertThat(response.getContentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void shouldPassOnJsonCsvAnyConcreteTypeAndRequestsWithoutABody() throws Exception {
        for (String type : new String[] {"application/json", "application/json; charset=UTF-8", "text/csv",
                "text/plain;charset=UTF-8", "application/xml", "application/problem+json"}) {
            assertThat(send("POST", type).getStatus()).as(type).isEqualTo(200);
        }
        assertThat(send("GET", "*/*").getStatus()).isEqualTo(200);
        assertThat(send("POST", null).getStatus()).isEqualTo(200);
    }
}
