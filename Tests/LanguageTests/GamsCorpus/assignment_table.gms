$title Assigning four workers to four jobs (assignment LP with a cost table)
*  GLPK leaves x(bob,weld) basic at -1.6E-15; as GAMS, enm reports it as zero, so x.L shows
*  the four assignments only.
*  The LP relaxation of the assignment problem has integral vertices. Verified with glpsol
*  (same model in MathProg): ann paints (5), bob packs (5), cy drills (3), dee welds (2): 15.
*! solve 1 status 1 objective 15
*! x.l(ann,paint) = 1
*! x.l(dee,weld) = 1
*! x.l(bob,pack) = 1
*! card x.l = 4
*! jobno(cy) = 3
*! jobno(ann) = 2
Sets
   w 'workers' / ann, bob, cy, dee /
   j 'jobs'    / weld, paint, drill, pack /;

Table c(w,j) 'hours a worker needs for a job'
          weld   paint   drill   pack
   ann     14      5       8       7
   bob      2     12       6       5
   cy       7      8       3       9
   dee      2      4       6      10 ;

Positive Variable x(w,j) 'worker w does job j';
Variable hours;
Equations oneJob(w) 'each worker one job', oneWorker(j) 'each job one worker', defHours;
oneJob(w)..    sum(j, x(w,j)) =e= 1;
oneWorker(j).. sum(w, x(w,j)) =e= 1;
defHours..     hours =e= sum((w,j), c(w,j)*x(w,j));

Model assign / all /;
solve assign using lp minimizing hours;

Parameter jobno(w) 'position of the assigned job in the job list';
jobno(w) = sum(j$(x.l(w,j) > 0.5), ord(j));
display x.l, jobno;
