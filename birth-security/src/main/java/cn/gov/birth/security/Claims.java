package cn.gov.birth.security;

/** The token claims the platform reads (besides {@code sub}, {@code iss}, {@code exp}). */
public final class Claims {

    /** The caller's roles, a list of {@link Role} names. */
    public static final String ROLES = "roles";
    /** The department a {@link Role#STAFF} or {@link Role#DEPT_ADMIN} acts for ({@code HEALTH}, {@code POLICE}…). */
    public static final String DEPARTMENT = "department";
    /** A citizen's verified resident ID number, as the real-name identity platform vouches for it. */
    public static final String ID_NUMBER = "idNumber";
    /** The service centre (政务服务中心) a {@link Role#CLERK} works at: its code in the region's policy. */
    public static final String CENTRE = "centre";
    /** The delivery hospital a {@link Role#HOSPITAL} staff member works at: its code. */
    public static final String HOSPITAL = "hospital";
    /**
     * The issuer of the tokens the {@code dev} profile makes: a URL, as an identity platform's issuer is
     * (Spring Security reads {@code iss} as a URL first, and a URN made each token's check throw and catch
     * an exception in every service); {@code .invalid} never resolves.
     */
    public static final String DEV_ISSUER = "https://dev-tokens.birth.invalid";

    private Claims() {
    }
}
