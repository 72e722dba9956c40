package dev.foresight.query;

/** Finds the instance that owns a workflow's shadow. */
public interface ShadowLocator {

    KeyOwner locate(String workflowId);
}
