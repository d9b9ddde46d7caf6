/** Events of the chain and the transaction pool, and their listener interfaces. */
package io.ccoin.api.event;
