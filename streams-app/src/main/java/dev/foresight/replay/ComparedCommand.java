package dev.foresight.replay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command as the diff sees it. Commands pair up by {@code topic}, {@code key} and {@code type}, in the order
 * the topic holds them (one key is one partition); ids are left out of the comparison, as a command issued at
 * another time has another id.
 *
 * @param topic   the catalogue's name of the topic
 * @param type    its action, operation or kind; else its record name
 * @param content the whole record as JSON, its id included (the diff leaves {@link #idField} out)
 * @param idField the name of the field that holds the id ({@code commandId}, {@code alertId}, ...), or null
 */
public record ComparedCommand(String topic, String key, String type, String id, String idField, JsonNode content) {
}
