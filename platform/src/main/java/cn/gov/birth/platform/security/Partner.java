package cn.gov.birth.platform.security;

/**
 * A partner system (a bank, the tax payment channel) whose signed request was verified: its id,
 * such as {@code TAX-CHANNEL} or {@code BANK-ICBC}. A controller takes it as a parameter.
 */
public record Partner(String id) {
}
