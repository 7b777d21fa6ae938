/** The events inventory publishes through the outbox: the only event contract of the module. */
package inventory.events;
