package cn.gov.birth.platform.web;

import org.springframework.http.HttpStatus;

/** A request the service understood but refuses, answered as a problem with this status. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ProblemException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
