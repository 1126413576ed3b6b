package cn.gov.birth.platform.web;

import java.util.List;

/** Input that cannot be accepted, with every field error found (answered as a 400 problem). */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super("invalid input: " + errors.size() + " field error(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One field's problem: the JSON path of the field, a stable code and a message for people. */
    public record FieldError(String field, String code, String message) {
    }
}
