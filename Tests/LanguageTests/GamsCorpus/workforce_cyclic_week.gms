$title Staff rostering over a cyclic week (five consecutive days on, circular lags)
*  Everyone works five days in a row, the week wraps around (Saturday starters work into
*  Wednesday). Requirements 17 13 15 19 14 16 11. Verified with glpsol (same integer
*  program in MathProg): 23 people are needed; the start days are not unique, but the
*  total is, and so are the 5*23 - 105 = 10 surplus shifts.
*! solve 1 status 1 objective 23
*! staff = 23
*! surplus = 10
*! req(thu) = 19
Set d 'days' / mon, tue, wed, thu, fri, sat, sun /
    k 'days into a five-day stretch' / k1*k5 /;
Parameter req(d) 'people needed' / mon 17, tue 13, wed 15, thu 19, fri 14, sat 16, sun 11 /;
Scalars staff, surplus;
Integer Variable start(d) 'people starting their stretch on day d';
Variable total;
Equations cover(d), defTotal;
cover(d)..  sum(k, start(d--(ord(k)-1))) =g= req(d);
defTotal..  total =e= sum(d, start(d));
start.up(d) = 100;
Model roster / all /;
roster.optCr = 0;
solve roster using mip minimizing total;
staff = sum(d, start.l(d));
surplus = 5*staff - sum(d, req(d));
display staff, surplus, req;
