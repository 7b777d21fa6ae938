/** The events orders publishes through the outbox: the only event contract of the module. */
package orders.events;
