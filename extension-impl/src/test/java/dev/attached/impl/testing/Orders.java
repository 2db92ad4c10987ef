package dev.attached.impl.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

/** The application code every database test shares: only the configuration says which database it reaches. */
@ApplicationScoped
public class Orders {

    @Inject
    @AttachedResource("orders-db")
    DataSource db;

    public void createTable() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY, item VARCHAR(200))");
        }
    }

    public void place(String id, String item) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO orders (id, item) VALUES (?, ?)")) {
            s.setString(1, id);
            s.setString(2, item);
            s.executeUpdate();
        }
    }

    public int count() throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public String product() throws SQLException {
        try (Connection c = db.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        }
    }

    public DataSource dataSource() {
        return db;
    }
}
