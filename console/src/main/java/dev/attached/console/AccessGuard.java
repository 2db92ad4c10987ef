package dev.attached.console;

/**
 * Who may see the console and who may refresh a resource. The servlet container already enforces this through the
 * console's {@code @ServletSecurity}; it is asked again in code, because a constraint is only as good as the server
 * it runs on: a server without application security (Open Liberty without {@code appSecurity}) ignores constraints,
 * and a {@code security-constraint} for {@code /attached/*} in the application's {@code web.xml} replaces the
 * console's. Whatever the deployment makes of them, the page never shows to somebody without one of the
 * {@link ConsoleRoles}, and a refresh never happens without {@link ConsoleRoles#OPERATOR}.
 * <p>
 * A refresh must also carry the header {@value #REQUESTED_BY}, with any value: browsers send cached credentials with
 * a plain cross-site form post, but never a custom header without the server's consent (CORS), so another site
 * cannot make an operator's browser refresh resources.
 */
public final class AccessGuard {

    /** The header every refresh carries; the page sends it, {@code curl} users add {@code -H 'X-Requested-By: me'}. */
    public static final String REQUESTED_BY = "X-Requested-By";

    /** What a request gets. */
    public enum Verdict {
        /** Go ahead. */
        ALLOWED(200),
        /** Nobody signed in: the container's login challenge. */
        UNAUTHENTICATED(401),
        /** Signed in without the role this needs. */
        NO_ROLE(403),
        /** A refresh without the {@value AccessGuard#REQUESTED_BY} header: possibly another site's form. */
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

    private AccessGuard() {
    }

    /**
     * Whether a request may see the page or its JSON.
     *
     * @param authenticated whether the request has a user
     * @param viewer whether that user has {@link ConsoleRoles#VIEWER}
     * @param operator whether that user has {@link ConsoleRoles#OPERATOR}
     */
    public static Verdict view(boolean authenticated, boolean viewer, boolean operator) {
        if (!authenticated) {
            return Verdict.UNAUTHENTICATED;
        }
        return viewer || operator ? Verdict.ALLOWED : Verdict.NO_ROLE;
    }

    /**
     * Whether a request may refresh a resource.
     *
     * @param authenticated whether the request has a user
     * @param operator whether that user has {@link ConsoleRoles#OPERATOR}
     * @param requestedBy the {@value #REQUESTED_BY} header, or {@code null}
     */
    public static Verdict refresh(boolean authenticated, boolean operator, String requestedBy) {
        if (!authenticated) {
            return Verdict.UNAUTHENTICATED;
        }
        if (!operator) {
            return Verdict.NO_ROLE;
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            return Verdict.NOT_REQUESTED;
        }
        return Verdict.ALLOWED;
    }
}
