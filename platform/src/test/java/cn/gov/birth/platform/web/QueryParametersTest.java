package cn.gov.birth.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Query parameters PostgreSQL could not store are refused with a 400 naming them, before anything reads them. */
class QueryParametersTest {

    private static MockHttpServletResponse get(String query) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/applications");
        request.setQueryString(query);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new QueryParameters().doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void shouldRefuseControlCharactersAndEscapesThatAreNotUtf8NamingTheParameter() throws Exception {
        for (String query : new String[] {"subject=%00", "page=1&subject=a%01b", "subject=%7F", "subject=%ED%A0%80",
                "subject=%C3", "subject=%zz", "subject=%4"}) {
            MockHttpServletResponse response = get(query);

            assertThat(response.getStatus()).as(query).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString()).as(query).contains("\"field\":\"subject\"", "CONTROL_CHARACTER");
        }
        assertThat(get("a%00b=1").getContentAsString()).contains("\"field\":\"?\"");
    }

    @Test
    void shouldPassOnOrdinaryQueriesChineseTextAndNone() throws Exception {
        for (String query : new String[] {null, "", "page=0&size=20", "status=OPEN&q=%E5%BC%A0%E4%B8%89", "q=a+b",
                "flag", "q=line%0Abreak%09tab"}) {
            assertThat(get(query).getStatus()).as(query).isEqualTo(200);
        }
    }
}
