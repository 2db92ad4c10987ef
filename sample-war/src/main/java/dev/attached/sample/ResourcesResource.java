package dev.attached.sample;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;

/**
 * A read-only view of the attached resources, as JSON: what {@code /health/ready} shows of them, without probing. A
 * name the application does not have is a 404 problem.
 * <p>
 * There is no refresh here: making a resource re-read its configuration is an operator's action, and the status page
 * (attached-console, {@code POST /attached/api/resources/{name}/refresh}) allows it only to the role
 * {@code attached-operator} with the header {@code X-Requested-By}. An open endpoint beside it would let anybody
 * do it.
 */
@Path("resources")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ResourcesResource {

    /** A status as JSON shows it; masked like every status. */
    public record Status(String name, String kind, String state, long generation, String location,
            String lastError) {

        static Status of(ResourceStatus s) {
            return new Status(s.name(), s.kind(), s.state().name(), s.generation(), s.location(),
                    s.lastError().orElse(null));
        }
    }

    @Inject
    AttachedResources resources;

    @GET
    public List<Status> all() {
        return resources.names().stream().sorted().map(resources::status).map(Status::of).toList();
    }

    @GET
    @Path("{name}")
    public Status one(@PathParam("name") String name) {
        return Status.of(resources.status(known(name)));
    }

    private String known(String name) {
        if (!resources.names().contains(name)) {
            throw new UnknownResourceException(name, resources.names().stream().sorted().toList());
        }
        return name;
    }
}
