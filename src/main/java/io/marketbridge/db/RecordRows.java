package io.marketbridge.db;

import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * Row mapping for camel-sql endpoints with an outputClass that is a record: each column goes to the record
 * component of the same name in camel case (error_id -> errorId), whatever case the database reports it in.
 * camel-sql's default mapper needs a JavaBean with setters.
 */
public final class RecordRows implements RowMapperFactory {

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return new ColumnMapRowMapper();
    }

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> recordClass) {
        return new DataClassRowMapper<>(recordClass);
    }
}
