"""The Discord transport: the client, slash commands, embeds, views and error replies."""
