package cn.gov.birth.application.core;

/**
 * Who an application is for: its submitter (a token's subject) and the keyed indexes (HMAC) of
 * its parents' ID numbers, by which a parent who signs in is recognised; and, when a clerk filed it
 * at a window, the service centre (by code) whose clerks look after it.
 */
public record Parties(String submittedBy, String motherIndex, String fatherIndex, String serviceCentre) {
}
