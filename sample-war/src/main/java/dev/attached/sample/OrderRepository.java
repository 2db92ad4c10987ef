package dev.attached.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

/**
 * Stores orders in whatever database {@code attached.orders-db.url} names. The table is created on first use, in
 * every database the resource is swapped to. Every failure of the database is a {@link BackingServiceException}
 * naming {@code orders-db}, which the API answers with 503.
 */
@ApplicationScoped
public class OrderRepository {

    static final String RESOURCE = "orders-db";

    @Inject
    @AttachedResource(RESOURCE)
    DataSource db;

    public Order create(String item, String email) {
        try (Connection c = db.getConnection()) {
            try {
                return insert(c, item, email);
            } catch (SQLException e) {
                if (!OrdersTable.isMissing(e)) {
                    throw e;
                }
                createTable(c);
                return insert(c, item, email);
            }
        } catch (SQLException e) {
            throw new BackingServiceException(RESOURCE, e);
        }
    }

    public Optional<Order> find(long id) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, item, email FROM orders WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(order(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            if (OrdersTable.isMissing(e)) {
                return Optional.empty();
            }
            throw new BackingServiceException(RESOURCE, e);
        }
    }

    public List<Order> latest(int limit) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, item, email FROM orders ORDER BY id DESC")) {
            s.setMaxRows(limit); // portable: FETCH FIRST is not MySQL's, LIMIT is not the standard's
            try (ResultSet rs = s.executeQuery()) {
                List<Order> orders = new ArrayList<>();
                while (rs.next()) {
                    orders.add(order(rs));
                }
                return orders;
            }
        } catch (SQLException e) {
            if (OrdersTable.isMissing(e)) {
                return List.of();
            }
            throw new BackingServiceException(RESOURCE, e);
        }
    }

    public long count() {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (OrdersTable.isMissing(e)) {
                return 0;
            }
            throw new BackingServiceException(RESOURCE, e);
        }
    }

    /**
     * Creates the table if it is missing. Callers that find it missing at the same moment all get here; one that
     * loses a race the database does not settle by itself (PostgreSQL's {@code IF NOT EXISTS} is not atomic) goes on
     * if the table is there now.
     */
    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(OrdersTable.createStatement(c));
        } catch (SQLException e) {
            if (!tableExists(c)) {
                throw e;
            }
        }
    }

    private static boolean tableExists(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Order insert(Connection c, String item, String email) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO orders (item, email) VALUES (?, ?)",
                new String[]{"id"})) {
            s.setString(1, item);
            s.setString(2, email);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Order(keys.getLong(1), item, email);
            }
        }
    }

    private static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getLong(1), rs.getString(2), rs.getString(3));
    }
}
