package dev.attached.console;

/**
 * Whether a request may refresh a resource. The servlet container already asks for the operator role on every POST
 * (the console's {@code @ServletSecurity}); this is asked again in code, because an application's {@code web.xml}
 * may replace the console's constraints with looser ones, and a refresh must never be open to anybody.
 * <p>
 * A refresh must also carry the header {@value #REQUESTED_BY}, with any value: browsers send cached credentials with
 * a plain cross-site form post, but never a custom header without the server's consent (CORS), so another site
 * cannot make an operator's browser refresh resources.
 */
public final class RefreshGuard {

    /** The header every refresh carries; the page sends it, {@code curl} users add {@code -H 'X-Requested-By: me'}. */
    public static final String REQUESTED_BY = "X-Requested-By";

    /** What the request gets. */
    public enum Verdict {
        /** An operator, from the page or a script. */
        ALLOWED(200),
        /** Nobody signed in: the container's login challenge. */
        UNAUTHENTICATED(401),
        /** Signed in without the operator role. */
        NOT_OPERATOR(403),
        /** No {@value RefreshGuard#REQUESTED_BY} header: possibly another site's form. */
        NOT_REQUESTED(403);

        private final int status;

        Verdict(int status) {
            this.status = status;
        }

        /** The HTTP status the request is answered with. */
        public int status() {
            return status;
        }
    }

    private RefreshGuard() {
    }

    /**
     * @param authenticated whether the request has a user
     * @param operator whether that user has {@link ConsoleRoles#OPERATOR}
     * @param requestedBy the {@value #REQUESTED_BY} header, or {@code null}
     */
    public static Verdict decide(boolean authenticated, boolean operator, String requestedBy) {
        if (!authenticated) {
            return Verdict.UNAUTHENTICATED;
        }
        if (!operator) {
            return Verdict.NOT_OPERATOR;
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            return Verdict.NOT_REQUESTED;
        }
        return Verdict.ALLOWED;
    }
}
