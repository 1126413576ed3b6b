package cn.gov.birth.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies with text PostgreSQL cannot store are refused as they are read, naming the field. */
class CheckedJsonConverterTest {

    /** As Spring Boot makes it: unknown fields are ignored, a problem's properties are its own fields. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Forms())
            .setControllerAdvice(new Problems())
            .setMessageConverters(new CheckedJsonConverter(MAPPER))
            .build();

    record Parent(String name, String idNumber) {
    }

    record Material(String type, String documentId) {
    }

    record Form(String region, Parent mother, List<Material> materials) {
    }

    @RestController
    static class Forms {

        @PostMapping("/forms")
        Form form(@RequestBody Form form) {
            return form;
        }

        @PostMapping("/sections")
        ObjectNode sections(@RequestBody ObjectNode sections) {
            return sections;
        }
    }

    private ResultActions send(String path, String json) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                .content(json.getBytes(StandardCharsets.UTF_8)));
    }

    private ResultActions refusedAt(String path, String json, String field) throws Exception {
        return send(path, json)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://birth.gov.cn/problems/validation"))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].code").value("CONTROL_CHARACTER"));
    }

    @Test
    void shouldRefuseANulInANestedFieldNamingItsPath() throws Exception {
        refusedAt("/forms", """
                {"region": "520000", "mother": {"idNumber": "520102199403121220", "name": "王\\u0000芳"}}""",
                "mother.name")
                .andExpect(jsonPath("$.errors[0].message").value("mother.name 不能含控制字符"));
    }

    @Test
    void shouldNameTheElementOfAnArray() throws Exception {
        refusedAt("/forms", """
                {"materials": [{"type": "A"}, {"type": "B", "documentId": "D\\u001b1"}]}""",
                "materials[1].documentId");
    }

    @Test
    void shouldAcceptTabsLineFeedsCarriageReturnsAndPairedSurrogates() throws Exception {
        send("/forms", """
                {"region": "a\\tb", "mother": {"name": "王\\n芳\\r", "idNumber": "\\ud83d\\ude00"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.region").value("a\tb"))
                .andExpect(jsonPath("$.mother.name").value("王\n芳\r"))
                .andExpect(jsonPath("$.mother.idNumber").value("😀"));
    }

    @Test
    void shouldRefuseALoneSurrogateEitherHalfOrCutShort() throws Exception {
        refusedAt("/forms", "{\"region\": \"a\\ud83d\"}", "region");
        refusedAt("/forms", "{\"region\": \"\\ude00a\"}", "region");
        refusedAt("/forms", "{\"region\": \"\\ud83d\\ud83d\\ude00\"}", "region");
    }

    @Test
    void shouldRefuseDeleteAndOtherControlCharactersWrittenAsIs() throws Exception {
        refusedAt("/forms", "{\"region\": \"52\u007f0000\"}", "region");
        refusedAt("/forms", "{\"mother\": {\"name\": \"\\u0007\"}}", "mother.name");
    }

    @Test
    void shouldRefuseAControlCharacterInAFieldNameNamingItsObject() throws Exception {
        refusedAt("/forms", "{\"mother\": {\"na\\u0000me\": \"王芳\"}}", "mother")
                .andExpect(jsonPath("$.errors[0].message").value("mother 的字段名不能含控制字符"));
        refusedAt("/forms", "{\"\\u0001\": 1}", "$");
    }

    @Test
    void shouldRefuseWhatAnUnknownFieldHoldsThoughItIsIgnored() throws Exception {
        refusedAt("/forms", "{\"notes\": {\"deep\": [1, {\"x\": \"\\u0000\"}]}, \"region\": \"520000\"}",
                "notes.deep[1].x");
    }

    @Test
    void shouldCheckBodiesReadAsTreesToo() throws Exception {
        refusedAt("/sections", "{\"newborn\": {\"givenName\": \"安\\u0000然\"}}", "newborn.givenName");
        send("/sections", "{\"newborn\": {\"givenName\": \"安然\"}}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.newborn.givenName").value("安然"));
    }

    @Test
    void shouldStillAnswerMalformedJsonAsUnreadable() throws Exception {
        send("/forms", "{\"region\": \"520000\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("UNREADABLE"));
    }

    @Test
    void shouldReadBodiesInAnotherCharsetThroughItsDecoder() throws Exception {
        mvc.perform(post("/forms")
                        .contentType("application/json;charset=ISO-8859-1")
                        .content("{\"region\": \"caf\u00e9\\u0000\"}".getBytes(StandardCharsets.ISO_8859_1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("region"));
    }

    @Test
    void shouldTakeTheJsonConvertersPlaceInEveryServiceLeavingTheOthersBeforeIt() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                        HttpMessageConvertersAutoConfiguration.class, RequestBodies.class))
                .run(context -> {
                    HttpMessageConverters.ServerBuilder builder = HttpMessageConverters.forServer();
                    context.getBeanProvider(ServerHttpMessageConvertersCustomizer.class).orderedStream()
                            .forEach(customizer -> customizer.customize(builder));
                    List<HttpMessageConverter<?>> converters = StreamSupport.stream(builder.build().spliterator(),
                            false).toList();

                    assertThat(converters.stream().filter(converter -> converter.canRead(Map.class,
                            MediaType.APPLICATION_JSON)).findFirst()).containsInstanceOf(CheckedJsonConverter.class);
                    assertThat(converters.stream().filter(converter -> converter.canWrite(String.class, null))
                            .findFirst()).containsInstanceOf(StringHttpMessageConverter.class);
                });
    }
}
