namespace Bench.Submissions.Common;

/// <summary>
/// The last share of a step budget that a method trains differently (two-four's dense finish, flip's unmasked tuning):
/// one rule for where that phase starts, so methods agree on rounding.
/// </summary>
public static class BudgetTail
{
    /// <summary>
    /// The first step of the last <paramref name="fraction"/> of a budget of <paramref name="stepBudget"/> steps:
    /// budget − round(fraction x budget); the budget itself (never) when the fraction rounds to no step or there is no budget.
    /// </summary>
    public static long StartsAt(long stepBudget, double fraction) =>
        stepBudget <= 0 ? long.MaxValue : stepBudget - (long)Math.Round(fraction * stepBudget, MidpointRounding.AwayFromZero);
}
