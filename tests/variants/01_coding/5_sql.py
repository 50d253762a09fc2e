"""Plausible wrong answers to 01_coding/5_sql; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    Variant(
        name="summary-inner-join",
        why="an inner join drops the customers who never ordered",
        cells={
            "customer-summary": """
            CUSTOMER_SUMMARY_SQL = '''
            SELECT c.customer_id,
                   c.name,
                   COUNT(o.order_id) AS n_orders,
                   COALESCE(SUM(o.amount), 0.0) AS total_amount
            FROM customers AS c
            JOIN orders AS o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.name
            ORDER BY total_amount DESC, c.customer_id
            '''
        """
        },
        fails={"test-customer-summary-nulls"},
    ),
    Variant(
        name="summary-count-star",
        why="COUNT(*) counts the NULL-filled row of a customer without orders as one order",
        cells={
            "customer-summary": """
            CUSTOMER_SUMMARY_SQL = '''
            SELECT c.customer_id,
                   c.name,
                   COUNT(*) AS n_orders,
                   COALESCE(SUM(o.amount), 0.0) AS total_amount
            FROM customers AS c
            LEFT JOIN orders AS o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.name
            ORDER BY total_amount DESC, c.customer_id
            '''
        """
        },
        fails={"test-customer-summary-nulls"},
    ),
    Variant(
        name="summary-count-amount",
        why="COUNT(amount) skips the orders whose amount is NULL, which are still orders",
        cells={
            "customer-summary": """
            CUSTOMER_SUMMARY_SQL = '''
            SELECT c.customer_id,
                   c.name,
                   COUNT(o.amount) AS n_orders,
                   COALESCE(SUM(o.amount), 0.0) AS total_amount
            FROM customers AS c
            LEFT JOIN orders AS o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.name
            ORDER BY total_amount DESC, c.customer_id
            '''
        """
        },
        fails={"test-customer-summary-nulls"},
    ),
    Variant(
        name="summary-no-coalesce",
        why="SUM over no value is NULL, not 0.0",
        cells={
            "customer-summary": """
            CUSTOMER_SUMMARY_SQL = '''
            SELECT c.customer_id,
                   c.name,
                   COUNT(o.order_id) AS n_orders,
                   SUM(o.amount) AS total_amount
            FROM customers AS c
            LEFT JOIN orders AS o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.name
            ORDER BY total_amount DESC, c.customer_id
            '''
        """
        },
        fails={"test-customer-summary-nulls"},
    ),
    Variant(
        name="summary-ordered-by-id",
        why="the rows are ordered by customer_id only; the stated order is total_amount descending first",
        cells={
            "customer-summary": """
            CUSTOMER_SUMMARY_SQL = '''
            SELECT c.customer_id,
                   c.name,
                   COUNT(o.order_id) AS n_orders,
                   COALESCE(SUM(o.amount), 0.0) AS total_amount
            FROM customers AS c
            LEFT JOIN orders AS o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.name
            ORDER BY c.customer_id
            '''
        """
        },
        fails={"test-customer-summary", "test-customer-summary-nulls"},
    ),
    Variant(
        name="never-not-in",
        why="NOT IN returns no row at all once the subquery holds a NULL (guest orders)",
        cells={
            "never-ordered": """
            NEVER_ORDERED_SQL = '''
            SELECT c.customer_id, c.name
            FROM customers AS c
            WHERE c.customer_id NOT IN (SELECT customer_id FROM orders)
            ORDER BY c.customer_id
            '''
        """
        },
        fails={"test-never-ordered"},
    ),
    Variant(
        name="never-null-amount",
        why="a NULL amount marks a pending order, not a missing one: test the join key for NULL",
        cells={
            "never-ordered": """
            NEVER_ORDERED_SQL = '''
            SELECT c.customer_id, c.name
            FROM customers AS c
            LEFT JOIN orders AS o ON o.customer_id = c.customer_id
            WHERE o.amount IS NULL
            ORDER BY c.customer_id
            '''
        """
        },
        fails={"test-never-ordered"},
    ),
    Variant(
        name="never-completed-only",
        why="only completed orders are looked at; a customer with a pending or cancelled order did order",
        cells={
            "never-ordered": """
            NEVER_ORDERED_SQL = '''
            SELECT c.customer_id, c.name
            FROM customers AS c
            WHERE NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.customer_id = c.customer_id AND o.status = 'completed')
            ORDER BY c.customer_id
            '''
        """
        },
        fails={"test-never-ordered"},
    ),
    Variant(
        name="country-having-strict",
        why="'at least 3 buyers' includes 3: >= rather than >",
        cells={
            "country-revenue": """
            COUNTRY_REVENUE_SQL = '''
            SELECT COALESCE(c.country, 'unknown') AS country,
                   COUNT(DISTINCT o.customer_id) AS n_buyers,
                   COUNT(*) AS n_orders,
                   SUM(o.amount) AS revenue,
                   SUM(o.amount) / COUNT(*) AS avg_order_value
            FROM orders AS o
            JOIN customers AS c ON c.customer_id = o.customer_id
            WHERE o.status = 'completed'
            GROUP BY COALESCE(c.country, 'unknown')
            HAVING COUNT(DISTINCT o.customer_id) > 3
            ORDER BY revenue DESC, country
            '''
        """
        },
        fails={"test-country-revenue", "test-country-revenue-rules"},
    ),
    Variant(
        name="country-buyers-not-distinct",
        why="COUNT(customer_id) counts orders; a customer with several orders is one buyer",
        cells={
            "country-revenue": """
            COUNTRY_REVENUE_SQL = '''
            SELECT COALESCE(c.country, 'unknown') AS country,
                   COUNT(o.customer_id) AS n_buyers,
                   COUNT(*) AS n_orders,
                   SUM(o.amount) AS revenue,
                   SUM(o.amount) / COUNT(*) AS avg_order_value
            FROM orders AS o
            JOIN customers AS c ON c.customer_id = o.customer_id
            WHERE o.status = 'completed'
            GROUP BY COALESCE(c.country, 'unknown')
            HAVING COUNT(o.customer_id) >= 3
            ORDER BY revenue DESC, country
            '''
        """
        },
        fails={"test-country-revenue", "test-country-revenue-rules"},
    ),
    Variant(
        name="country-all-statuses",
        why="cancelled and pending orders are counted: the status filter belongs in WHERE",
        cells={
            "country-revenue": """
            COUNTRY_REVENUE_SQL = '''
            SELECT COALESCE(c.country, 'unknown') AS country,
                   COUNT(DISTINCT o.customer_id) AS n_buyers,
                   COUNT(*) AS n_orders,
                   SUM(o.amount) AS revenue,
                   SUM(o.amount) / COUNT(*) AS avg_order_value
            FROM orders AS o
            JOIN customers AS c ON c.customer_id = o.customer_id
            GROUP BY COALESCE(c.country, 'unknown')
            HAVING COUNT(DISTINCT o.customer_id) >= 3
            ORDER BY revenue DESC, country
            '''
        """
        },
        fails={"test-country-revenue", "test-country-revenue-rules"},
    ),
    Variant(
        name="country-null-not-named",
        why="customers without a country form a NULL group that should be reported as 'unknown'",
        cells={
            "country-revenue": """
            COUNTRY_REVENUE_SQL = '''
            SELECT c.country AS country,
                   COUNT(DISTINCT o.customer_id) AS n_buyers,
                   COUNT(*) AS n_orders,
                   SUM(o.amount) AS revenue,
                   SUM(o.amount) / COUNT(*) AS avg_order_value
            FROM orders AS o
            JOIN customers AS c ON c.customer_id = o.customer_id
            WHERE o.status = 'completed'
            GROUP BY c.country
            HAVING COUNT(DISTINCT o.customer_id) >= 3
            ORDER BY revenue DESC, country
            '''
        """
        },
        fails={"test-country-revenue-rules"},
    ),
    Variant(
        name="ranks-rank-dense-swapped",
        why="RANK skips ranks after a tie (1, 1, 3); DENSE_RANK does not (1, 1, 2)",
        cells={
            "order-ranks": """
            ORDER_RANKS_SQL = '''
            SELECT customer_id,
                   order_id,
                   amount,
                   ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY amount DESC, order_id) AS row_num,
                   DENSE_RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS rnk,
                   RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS dense_rnk
            FROM orders
            WHERE customer_id IS NOT NULL AND amount IS NOT NULL
            ORDER BY customer_id, row_num
            '''
        """
        },
        fails={"test-order-ranks", "test-order-ranks-ties"},
    ),
    Variant(
        name="ranks-row-number-without-tiebreak",
        why="without order_id in its ORDER BY, ROW_NUMBER numbers tied rows in storage order",
        cells={
            "order-ranks": """
            ORDER_RANKS_SQL = '''
            SELECT customer_id,
                   order_id,
                   amount,
                   ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS row_num,
                   RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS rnk,
                   DENSE_RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS dense_rnk
            FROM orders
            WHERE customer_id IS NOT NULL AND amount IS NOT NULL
            ORDER BY customer_id, row_num
            '''
        """
        },
        fails={"test-order-ranks", "test-order-ranks-ties"},
    ),
    Variant(
        name="ranks-no-partition",
        why="without PARTITION BY customer_id the orders are ranked against every customer's orders",
        cells={
            "order-ranks": """
            ORDER_RANKS_SQL = '''
            SELECT customer_id,
                   order_id,
                   amount,
                   ROW_NUMBER() OVER (ORDER BY amount DESC, order_id) AS row_num,
                   RANK() OVER (ORDER BY amount DESC) AS rnk,
                   DENSE_RANK() OVER (ORDER BY amount DESC) AS dense_rnk
            FROM orders
            WHERE customer_id IS NOT NULL AND amount IS NOT NULL
            ORDER BY customer_id, row_num
            '''
        """
        },
        fails={"test-order-ranks", "test-order-ranks-ties"},
    ),
    Variant(
        name="ranks-keeps-null-amounts",
        why="orders whose amount is NULL are ranked too; the question leaves them out",
        cells={
            "order-ranks": """
            ORDER_RANKS_SQL = '''
            SELECT customer_id,
                   order_id,
                   amount,
                   ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY amount DESC, order_id) AS row_num,
                   RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS rnk,
                   DENSE_RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS dense_rnk
            FROM orders
            WHERE customer_id IS NOT NULL
            ORDER BY customer_id, row_num
            '''
        """
        },
        fails={"test-order-ranks"},
    ),
    Variant(
        name="running-default-range-frame",
        why="ordered by date only, the default RANGE frame gives same-day orders one shared total",
        cells={
            "running-totals": """
            RUNNING_TOTALS_SQL = '''
            SELECT customer_id,
                   order_id,
                   order_date,
                   amount,
                   SUM(amount) OVER w AS running_total,
                   LAG(amount) OVER w AS prev_amount,
                   julianday(order_date) - julianday(LAG(order_date) OVER w) AS days_since_prev
            FROM orders
            WHERE status = 'completed' AND customer_id IS NOT NULL
            WINDOW w AS (PARTITION BY customer_id ORDER BY order_date)
            ORDER BY customer_id, order_date, order_id
            '''
        """
        },
        fails={"test-running-totals-ties"},
    ),
    Variant(
        name="running-lag-without-partition",
        why="LAG without PARTITION BY reads the previous customer's last order",
        cells={
            "running-totals": """
            RUNNING_TOTALS_SQL = '''
            SELECT customer_id,
                   order_id,
                   order_date,
                   amount,
                   SUM(amount) OVER w AS running_total,
                   LAG(amount) OVER (ORDER BY customer_id, order_date, order_id) AS prev_amount,
                   julianday(order_date) - julianday(LAG(order_date) OVER (ORDER BY customer_id, order_date, order_id)) AS days_since_prev
            FROM orders
            WHERE status = 'completed' AND customer_id IS NOT NULL
            WINDOW w AS (PARTITION BY customer_id ORDER BY order_date, order_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            ORDER BY customer_id, order_date, order_id
            '''
        """
        },
        fails={"test-running-totals", "test-running-totals-ties"},
    ),
    Variant(
        name="running-all-statuses",
        why="cancelled and pending orders enter the totals; only completed orders count",
        cells={
            "running-totals": """
            RUNNING_TOTALS_SQL = '''
            SELECT customer_id,
                   order_id,
                   order_date,
                   amount,
                   SUM(amount) OVER w AS running_total,
                   LAG(amount) OVER w AS prev_amount,
                   julianday(order_date) - julianday(LAG(order_date) OVER w) AS days_since_prev
            FROM orders
            WHERE customer_id IS NOT NULL
            WINDOW w AS (PARTITION BY customer_id ORDER BY order_date, order_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            ORDER BY customer_id, order_date, order_id
            '''
        """
        },
        fails={"test-running-totals", "test-running-totals-ties"},
    ),
    Variant(
        name="top-row-number",
        why="ROW_NUMBER drops customers tied with the n-th; ties must all be kept",
        cells={
            "top-buyers": """
            TOP_BUYERS_SQL = '''
            WITH revenue AS (
                SELECT COALESCE(c.country, 'unknown') AS country, o.customer_id, SUM(o.amount) AS revenue
                FROM orders AS o
                JOIN customers AS c ON c.customer_id = o.customer_id
                WHERE o.status = 'completed'
                GROUP BY o.customer_id
            ),
            ranked AS (
                SELECT country, customer_id, revenue,
                       ROW_NUMBER() OVER (PARTITION BY country ORDER BY revenue DESC, customer_id) AS rnk
                FROM revenue
            )
            SELECT country, customer_id, revenue, rnk
            FROM ranked
            WHERE rnk <= :n
            ORDER BY country, rnk, customer_id
            '''
        """
        },
        fails={"test-top-buyers"},
    ),
    Variant(
        name="top-dense-rank",
        why="DENSE_RANK <= n keeps n distinct revenue levels, which can be far more than n customers",
        cells={
            "top-buyers": """
            TOP_BUYERS_SQL = '''
            WITH revenue AS (
                SELECT COALESCE(c.country, 'unknown') AS country, o.customer_id, SUM(o.amount) AS revenue
                FROM orders AS o
                JOIN customers AS c ON c.customer_id = o.customer_id
                WHERE o.status = 'completed'
                GROUP BY o.customer_id
            ),
            ranked AS (
                SELECT country, customer_id, revenue,
                       DENSE_RANK() OVER (PARTITION BY country ORDER BY revenue DESC) AS rnk
                FROM revenue
            )
            SELECT country, customer_id, revenue, rnk
            FROM ranked
            WHERE rnk <= :n
            ORDER BY country, rnk, customer_id
            '''
        """
        },
        fails={"test-top-buyers"},
    ),
    Variant(
        name="top-hard-coded-two",
        why="the query keeps the top 2 whatever :n is: bind the named parameter",
        cells={
            "top-buyers": """
            TOP_BUYERS_SQL = '''
            WITH revenue AS (
                SELECT COALESCE(c.country, 'unknown') AS country, o.customer_id, SUM(o.amount) AS revenue
                FROM orders AS o
                JOIN customers AS c ON c.customer_id = o.customer_id
                WHERE o.status = 'completed'
                GROUP BY o.customer_id
            ),
            ranked AS (
                SELECT country, customer_id, revenue,
                       RANK() OVER (PARTITION BY country ORDER BY revenue DESC) AS rnk
                FROM revenue
            )
            SELECT country, customer_id, revenue, rnk
            FROM ranked
            WHERE rnk <= 2
            ORDER BY country, rnk, customer_id
            '''
        """
        },
        fails={"test-top-buyers"},
    ),
    Variant(
        name="retention-days-over-30",
        why="days divided by 30 are not calendar months: January 31 to February 1 is one month",
        cells={
            "retention": """
            RETENTION_SQL = '''
            WITH done AS (
                SELECT customer_id, order_date FROM orders WHERE status = 'completed' AND customer_id IS NOT NULL
            ),
            cohorts AS (
                SELECT customer_id, MIN(order_date) AS first_date, strftime('%Y-%m', MIN(order_date)) AS cohort_month
                FROM done GROUP BY customer_id
            ),
            sizes AS (SELECT cohort_month, COUNT(*) AS cohort_size FROM cohorts GROUP BY cohort_month),
            activity AS (
                SELECT k.cohort_month, CAST((julianday(d.order_date) - julianday(k.first_date)) / 30 AS INTEGER) AS period,
                       COUNT(DISTINCT d.customer_id) AS n_active
                FROM done AS d JOIN cohorts AS k ON k.customer_id = d.customer_id
                GROUP BY k.cohort_month, period
            )
            SELECT a.cohort_month, a.period, a.n_active, s.cohort_size, 1.0 * a.n_active / s.cohort_size AS retention
            FROM activity AS a JOIN sizes AS s ON s.cohort_month = a.cohort_month
            ORDER BY a.cohort_month, a.period
            '''
        """
        },
        fails={"test-retention", "test-retention-periods"},
    ),
    Variant(
        name="retention-month-without-year",
        why="month numbers alone make December to January -11 months: count year * 12 + month",
        cells={
            "retention": """
            RETENTION_SQL = '''
            WITH done AS (
                SELECT customer_id,
                       order_date,
                       CAST(strftime('%m', order_date) AS INTEGER) AS month_index
                FROM orders
                WHERE status = 'completed' AND customer_id IS NOT NULL
            ),
            cohorts AS (
                SELECT customer_id, MIN(month_index) AS cohort_index, strftime('%Y-%m', MIN(order_date)) AS cohort_month
                FROM done
                GROUP BY customer_id
            ),
            sizes AS (
                SELECT cohort_month, COUNT(*) AS cohort_size FROM cohorts GROUP BY cohort_month
            ),
            activity AS (
                SELECT k.cohort_month, d.month_index - k.cohort_index AS period, COUNT(DISTINCT d.customer_id) AS n_active
                FROM done AS d
                JOIN cohorts AS k ON k.customer_id = d.customer_id
                GROUP BY k.cohort_month, period
            )
            SELECT a.cohort_month, a.period, a.n_active, s.cohort_size, 1.0 * a.n_active / s.cohort_size AS retention
            FROM activity AS a
            JOIN sizes AS s ON s.cohort_month = a.cohort_month
            ORDER BY a.cohort_month, a.period
            '''
        """
        },
        fails={"test-retention", "test-retention-periods"},
    ),
    Variant(
        name="retention-integer-division",
        why="in SQLite an integer divided by an integer is an integer: 1 / 2 is 0",
        cells={
            "retention": """
            RETENTION_SQL = '''
            WITH done AS (
                SELECT customer_id,
                       order_date,
                       CAST(strftime('%Y', order_date) AS INTEGER) * 12 + CAST(strftime('%m', order_date) AS INTEGER) AS month_index
                FROM orders
                WHERE status = 'completed' AND customer_id IS NOT NULL
            ),
            cohorts AS (
                SELECT customer_id, MIN(month_index) AS cohort_index, strftime('%Y-%m', MIN(order_date)) AS cohort_month
                FROM done
                GROUP BY customer_id
            ),
            sizes AS (
                SELECT cohort_month, COUNT(*) AS cohort_size FROM cohorts GROUP BY cohort_month
            ),
            activity AS (
                SELECT k.cohort_month, d.month_index - k.cohort_index AS period, COUNT(DISTINCT d.customer_id) AS n_active
                FROM done AS d
                JOIN cohorts AS k ON k.customer_id = d.customer_id
                GROUP BY k.cohort_month, period
            )
            SELECT a.cohort_month, a.period, a.n_active, s.cohort_size, a.n_active / s.cohort_size AS retention
            FROM activity AS a
            JOIN sizes AS s ON s.cohort_month = a.cohort_month
            ORDER BY a.cohort_month, a.period
            '''
        """
        },
        fails={"test-retention", "test-retention-periods"},
    ),
    Variant(
        name="retention-cohort-from-any-order",
        why="the cohort starts at the first completed order, not at a cancelled one",
        cells={
            "retention": """
            RETENTION_SQL = '''
            WITH every_order AS (
                SELECT customer_id, order_date,
                       CAST(strftime('%Y', order_date) AS INTEGER) * 12 + CAST(strftime('%m', order_date) AS INTEGER) AS month_index
                FROM orders
                WHERE customer_id IS NOT NULL
            ),
            done AS (
                SELECT customer_id,
                       order_date,
                       CAST(strftime('%Y', order_date) AS INTEGER) * 12 + CAST(strftime('%m', order_date) AS INTEGER) AS month_index
                FROM orders
                WHERE status = 'completed' AND customer_id IS NOT NULL
            ),
            cohorts AS (
                SELECT customer_id, MIN(month_index) AS cohort_index, strftime('%Y-%m', MIN(order_date)) AS cohort_month
                FROM every_order
                GROUP BY customer_id
            ),
            sizes AS (
                SELECT cohort_month, COUNT(*) AS cohort_size FROM cohorts GROUP BY cohort_month
            ),
            activity AS (
                SELECT k.cohort_month, d.month_index - k.cohort_index AS period, COUNT(DISTINCT d.customer_id) AS n_active
                FROM done AS d
                JOIN cohorts AS k ON k.customer_id = d.customer_id
                GROUP BY k.cohort_month, period
            )
            SELECT a.cohort_month, a.period, a.n_active, s.cohort_size, 1.0 * a.n_active / s.cohort_size AS retention
            FROM activity AS a
            JOIN sizes AS s ON s.cohort_month = a.cohort_month
            ORDER BY a.cohort_month, a.period
            '''
        """
        },
        fails={"test-retention", "test-retention-periods"},
    ),
    Variant(
        name="retention-counts-orders",
        why="two orders of one customer in a month make one active customer, not two",
        cells={
            "retention": """
            RETENTION_SQL = '''
            WITH done AS (
                SELECT customer_id,
                       order_date,
                       CAST(strftime('%Y', order_date) AS INTEGER) * 12 + CAST(strftime('%m', order_date) AS INTEGER) AS month_index
                FROM orders
                WHERE status = 'completed' AND customer_id IS NOT NULL
            ),
            cohorts AS (
                SELECT customer_id, MIN(month_index) AS cohort_index, strftime('%Y-%m', MIN(order_date)) AS cohort_month
                FROM done
                GROUP BY customer_id
            ),
            sizes AS (
                SELECT cohort_month, COUNT(*) AS cohort_size FROM cohorts GROUP BY cohort_month
            ),
            activity AS (
                SELECT k.cohort_month, d.month_index - k.cohort_index AS period, COUNT(*) AS n_active
                FROM done AS d
                JOIN cohorts AS k ON k.customer_id = d.customer_id
                GROUP BY k.cohort_month, period
            )
            SELECT a.cohort_month, a.period, a.n_active, s.cohort_size, 1.0 * a.n_active / s.cohort_size AS retention
            FROM activity AS a
            JOIN sizes AS s ON s.cohort_month = a.cohort_month
            ORDER BY a.cohort_month, a.period
            '''
        """
        },
        fails={"test-retention", "test-retention-periods"},
    ),
]
