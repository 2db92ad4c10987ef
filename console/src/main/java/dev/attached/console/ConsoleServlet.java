package dev.attached.console;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.HttpMethodConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;
import dev.attached.console.AccessGuard.Verdict;
import dev.attached.console.PageFiles.PageFile;

/**
 * The operator's status page of the application's attached resources, at {@code /attached/} of the application:
 *
 * <ul>
 * <li>{@code GET /attached/}: the page, which polls the JSON below and updates itself;</li>
 * <li>{@code GET /attached/api/resources}: every resource's state, kind, generation, masked location, pool usage,
 * readiness (its last probe), last swap and last error, and the recent history ({@link StatusJson});</li>
 * <li>{@code POST /attached/api/resources/{name}/refresh}: re-reads the resource's configuration now, as
 * {@link AttachedResources#refresh(String)}; answers the status after it.</li>
 * </ul>
 *
 * A servlet rather than a Jakarta REST resource, so that its path and its security do not depend on the
 * application's own REST applications: a resource class in a library would join every application whose
 * {@code Application} lists no classes, under that application's path, where the console's constraints would not
 * apply. Every method needs {@link ConsoleRoles#VIEWER} or {@link ConsoleRoles#OPERATOR}, a POST needs
 * {@link ConsoleRoles#OPERATOR}; the application maps the roles to its users. The container enforces that, and
 * {@link AccessGuard} checks it again for every request.
 */
@WebServlet(name = "attached-console", urlPatterns = "/attached/*")
@ServletSecurity(value = @HttpConstraint(rolesAllowed = {ConsoleRoles.VIEWER,
        ConsoleRoles.OPERATOR}), httpMethodConstraints = @HttpMethodConstraint(value = "POST", rolesAllowed = ConsoleRoles.OPERATOR))
@DeclareRoles({ConsoleRoles.VIEWER, ConsoleRoles.OPERATOR})
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String RESOURCES = "/api/resources";
    private static final Pattern REFRESH = Pattern.compile(
            "/api/resources/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)/refresh");

    /** The page only talks to its own origin, loads only its own files and is never framed. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
                    + "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    @Inject
    transient AttachedResources resources;

    @Inject
    transient EventRecorder recorder;

    private transient JsonBuilderFactory builders;
    private transient JsonWriterFactory writers;
    private transient StatusJson statusJson;

    @Override
    public void init() throws ServletException {
        builders = Json.createBuilderFactory(Map.of());
        statusJson = new StatusJson(builders);
        writers = Json.createWriterFactory(Map.of());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        secure(response);
        Verdict verdict = AccessGuard.view(request.getUserPrincipal() != null,
                request.isUserInRole(ConsoleRoles.VIEWER), request.isUserInRole(ConsoleRoles.OPERATOR));
        if (verdict == Verdict.UNAUTHENTICATED && signIn(request, response)) {
            doGet(request, response);
            return;
        }
        if (verdict == Verdict.NO_ROLE) {
            refuse(response, verdict, "the console needs the role " + ConsoleRoles.VIEWER + " or "
                    + ConsoleRoles.OPERATOR);
        }
        if (verdict != Verdict.ALLOWED) {
            return;
        }
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getRequestURI() + "/"); // the page's links are relative to /attached/
            return;
        }
        if (path.equals(RESOURCES)) {
            writeJson(response, HttpServletResponse.SC_OK,
                    statusJson.document(resources, recorder, Instant.now()));
            return;
        }
        Optional<PageFile> file = PageFiles.find(path.equals("/") ? "index.html" : path.substring(1));
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(file.get().contentType());
        response.setContentLength(file.get().content().length);
        response.getOutputStream().write(file.get().content());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        secure(response);
        Matcher refresh = REFRESH.matcher(String.valueOf(request.getPathInfo()));
        if (!refresh.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Verdict verdict = AccessGuard.refresh(request.getUserPrincipal() != null,
                request.isUserInRole(ConsoleRoles.OPERATOR), request.getHeader(AccessGuard.REQUESTED_BY));
        switch (verdict) {
            case UNAUTHENTICATED -> {
                if (signIn(request, response)) {
                    doPost(request, response);
                }
            }
            case NO_ROLE -> refuse(response, verdict, "refresh needs the role " + ConsoleRoles.OPERATOR);
            case NOT_REQUESTED -> refuse(response, verdict,
                    "refresh needs the header " + AccessGuard.REQUESTED_BY + " (any value)");
            case ALLOWED -> refresh(refresh.group(1), response);
        }
    }

    /**
     * Asks the container to sign the user in; true when it did at once (the request then has a user). Where the
     * container cannot (no application security on the server, no login mechanism), the answer is a 401 that says
     * so, never the console.
     */
    private boolean signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (request.authenticate(response)) {
                return request.getUserPrincipal() != null;
            }
        } catch (ServletException e) {
            // no login mechanism: answered below
        }
        if (!response.isCommitted() && response.getStatus() != HttpServletResponse.SC_UNAUTHORIZED) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "sign in: the console needs the server's "
                    + "application security, with the roles " + ConsoleRoles.VIEWER + " and " + ConsoleRoles.OPERATOR
                    + " mapped to users");
        }
        return false;
    }

    private void refresh(String name, HttpServletResponse response) throws IOException {
        if (!resources.names().contains(name)) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "no resource of that name");
            return;
        }
        ResourceStatus status = resources.refresh(name);
        writeJson(response, HttpServletResponse.SC_OK, statusJson.resource(status, recorder.lastSeen(name)));
    }

    @Override
    protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED); // TRACE would echo the Authorization header
    }

    private void refuse(HttpServletResponse response, Verdict verdict, String why) throws IOException {
        refuse(response, verdict.status(), why);
    }

    private void refuse(HttpServletResponse response, int status, String why) throws IOException {
        writeJson(response, status, builders.createObjectBuilder().add("error", why).build());
    }

    private void writeJson(HttpServletResponse response, int status, JsonObject json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try (OutputStream out = response.getOutputStream(); JsonWriter writer = writers.createWriter(out)) {
            writer.write(json);
        }
    }

    private static void secure(HttpServletResponse response) {
        SECURITY_HEADERS.forEach(response::setHeader);
    }
}
