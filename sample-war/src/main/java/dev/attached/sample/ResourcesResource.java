package dev.attached.sample;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;

/**
 * An operator's view of the attached resources, and a way to make one re-read its configuration now. A name the
 * application does not have is a 404 problem.
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

    @POST
    @Path("{name}/refresh")
    public Status refresh(@PathParam("name") String name) {
        return Status.of(resources.refresh(known(name)));
    }

    private String known(String name) {
        if (!resources.names().contains(name)) {
            throw new UnknownResourceException(name, resources.names().stream().sorted().toList());
        }
        return name;
    }
}
