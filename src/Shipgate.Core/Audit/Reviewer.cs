namespace Shipgate.Audit;

/// <summary>
/// Who records a review: the person running <c>shipgate audit review</c>, as git knows them
/// (user.name, user.email) and, when a GitHub token is available, as GitHub knows them (login).
/// Never a name typed on the command line: that is what makes separation of duties checkable
/// (the application's ReviewerIdentity finds it).
/// </summary>
internal sealed record Reviewer(string Name, string Email, string? Login)
{
    public override string ToString() => Login is null ? $"{Name} <{Email}>" : $"{Name} <{Email}> (@{Login})";
}
