package dev.attached.console;

/**
 * The roles the console asks for. An application maps them to its users or groups the way its server maps roles
 * (Open Liberty's {@code application-bnd}, WildFly's Elytron role mapping, Payara's {@code payara-web.xml} or default
 * principal-to-role mapping).
 */
public final class ConsoleRoles {

    /** Sees the page and its JSON: resource locations, hosts and errors. */
    public static final String VIEWER = "attached-viewer";

    /** Sees everything a viewer sees, and may make a resource re-read its configuration now. */
    public static final String OPERATOR = "attached-operator";

    private ConsoleRoles() {
    }
}
