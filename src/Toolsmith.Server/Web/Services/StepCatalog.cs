namespace Toolsmith.Server.Web.Services;
internal sealed class Placeholder;
